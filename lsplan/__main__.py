from lsplan.cli import main

main()
