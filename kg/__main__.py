from kg.access.cli import main

raise SystemExit(main())
