from borderwatch.cli import main

main()
