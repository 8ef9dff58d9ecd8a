// A failure of the test host itself (not of a test), naming the stage that failed so the
// message says whether the install, the server, the browser or the workbench broke.
class HostError extends Error {
  constructor(stage, message) {
    super(`${stage} failed: ${message}`);
    this.name = 'HostError';
    this.stage = stage;
  }
}

module.exports = { HostError };
