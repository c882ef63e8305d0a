import LinkdeskCLI

LinkdeskCommand.main()
