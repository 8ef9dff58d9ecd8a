// Streams a growing file (the run() module's output) to our stdout as it is written.
const fs = require('fs');

function tailFile(file, write) {
  let offset = 0;
  const pump = () => {
    if (!fs.existsSync(file)) return;
    const size = fs.statSync(file).size;
    if (size <= offset) return;
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(size - offset);
    fs.readSync(fd, buf, 0, buf.length, offset);
    fs.closeSync(fd);
    offset = size;
    write(buf.toString('utf8'));
  };
  const timer = setInterval(pump, 200);
  return () => {
    clearInterval(timer);
    pump();
  };
}

module.exports = { tailFile };
