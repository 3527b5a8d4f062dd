"""lsplan: plan-compliance toolkit for Lạng Sơn province.

The library is the product; the `lsplan` command is a thin adapter over it. Heavy modules
(pandas, openpyxl) are imported lazily by the functions that need them, so importing lsplan
and starting the CLI stay fast.
"""

__version__ = "0.1.0"
