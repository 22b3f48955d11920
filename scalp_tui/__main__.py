from scalp_tui.cli import main

raise SystemExit(main())
