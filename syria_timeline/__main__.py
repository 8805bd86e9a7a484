from syria_timeline.entry import main

main()
