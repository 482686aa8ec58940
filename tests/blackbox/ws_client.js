// A SIP-over-WebSocket client built on the `ws` package (RFC 7118 peers use it): connects
// with the "sip" subprotocol, sends the SIP message given on stdin as a text frame and prints
// a JSON line with the negotiated subprotocol and the first message received.
//   node ws_client.js ws://127.0.0.1:8088/ws  (or wss://[::1]:8089/ws: certificate not checked)
const WebSocket = require('ws');

const url = process.argv[2];
let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const socket = new WebSocket(url, 'sip', { rejectUnauthorized: false, handshakeTimeout: 5000 });
  const fail = (why) => { console.log(JSON.stringify({ error: String(why) })); process.exit(1); };
  const timer = setTimeout(() => fail('no answer'), 5000);
  socket.on('open', () => socket.send(input));
  socket.on('message', (data) => {
    clearTimeout(timer);
    console.log(JSON.stringify({ protocol: socket.protocol, message: data.toString() }));
    socket.close();
  });
  socket.on('error', fail);
});
