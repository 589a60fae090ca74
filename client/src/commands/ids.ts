/** Command ids; contract-tested against package.json `contributes.commands`. */
export const CommandId = {
  restartServer: 'healthcareIac.server.restart',
  showOutput: 'healthcareIac.output.show',
} as const;
