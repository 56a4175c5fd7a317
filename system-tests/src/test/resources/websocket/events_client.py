"""A customer's client of invoice-service's WebSocket, written with Python's websockets library
as Debian packages it (python3-websockets 10.4, the version .ci/run installs).

  events_client.py listen URL header|query
      Connects with the key of ENVOYX_API_KEY in the X-API-Key header or in ?api_key=, sends
      "ping", then prints every text message it receives, one per line, until standard input is
      closed (then it closes the socket normally) or the server closes the socket (then it prints
      {"closed": <code>}).

  events_client.py refused URL header|query|none
      One upgrade request, printed as {"status": ..., "retry_after": ..., "body": ...}: what a
      client sees when the upgrade is refused. Version 10.4's asyncio client reports only the
      status (InvalidStatusCode), so this uses the library's sans-I/O client, whose InvalidStatus
      carries the whole response, over a plain socket.
"""
import asyncio
import json
import os
import socket
import sys
import urllib.parse

import websockets
import websockets.client
import websockets.exceptions
import websockets.uri

# websockets 14 replaced the asyncio client, renaming extra_headers; Debian's 10.4 has the old one.
HEADERS_ARGUMENT = "additional_headers" if int(websockets.__version__.split(".")[0]) >= 14 else "extra_headers"


def with_key(url, transport):
    key = os.environ.get("ENVOYX_API_KEY")
    if transport == "query":
        return url + "?" + urllib.parse.urlencode({"api_key": key}), {}
    if transport == "header":
        return url, {"X-API-Key": key}
    return url, {}


def emit(line):
    print(line, flush=True)


async def listen(url, transport):
    url, headers = with_key(url, transport)
    async with websockets.connect(url, **{HEADERS_ARGUMENT: headers}) as socket_:
        await socket_.send("ping")
        emit(await socket_.recv())

        async def print_messages():
            try:
                async for message in socket_:
                    emit(message)
            except websockets.exceptions.ConnectionClosedError:
                pass
            emit(json.dumps({"closed": socket_.close_code}))

        reader = asyncio.ensure_future(print_messages())
        stdin_closed = asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        await asyncio.wait({reader, stdin_closed}, return_when=asyncio.FIRST_COMPLETED)
        if not reader.done():
            await socket_.close()
            await reader


def refused(url, transport):
    url, headers = with_key(url, transport)
    protocol_class = getattr(websockets.client, "ClientProtocol", None) or websockets.client.ClientConnection
    wsuri = websockets.uri.parse_uri(url)
    protocol = protocol_class(wsuri)
    request = protocol.connect()
    for name, value in headers.items():
        request.headers[name] = value
    protocol.send_request(request)
    with socket.create_connection((wsuri.host, wsuri.port), timeout=20) as connection:
        for data in protocol.data_to_send():
            connection.sendall(data)
        events = []
        while not events:
            data = connection.recv(65536)
            if not data:
                protocol.receive_eof()
                break
            protocol.receive_data(data)
            events = protocol.events_received()
    exception = protocol.handshake_exc
    if not isinstance(exception, websockets.exceptions.InvalidStatus):
        outcome = 101 if events and exception is None else str(exception or "connection closed without an answer")
        emit(json.dumps({"status": outcome}))
        return
    response = exception.response
    emit(json.dumps({
        "status": response.status_code,
        "retry_after": response.headers.get("Retry-After"),
        "body": (response.body or b"").decode("utf-8"),
    }))


if __name__ == "__main__":
    mode, target, key_transport = sys.argv[1:4]
    if mode == "listen":
        asyncio.run(listen(target, key_transport))
    else:
        refused(target, key_transport)
