import LinkdeskCLI

await LinkdeskCommand.run()
