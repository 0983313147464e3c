from breadline.cli import main

main()
