import LinkdeskCLI

LinkdeskCommand.run()
