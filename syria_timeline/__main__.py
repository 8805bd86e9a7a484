from syria_timeline.cli import main

main()
