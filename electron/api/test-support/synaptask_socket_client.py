"""SynapTask's WebSocket API driven by python-socketio, the way SynapTask's docs show it.

Usage: synaptask_socket_client.py URL TOKEN
Prints one JSON object with what the server answered; synaptask-socket-python.test.ts
asserts on it. Every call waits for its ack (sio.call), as the docs' examples do.
"""
import json
import sys
import threading

import socketio

URL, TOKEN = sys.argv[1], sys.argv[2]
out = {}


def greeted_client():
    """A client that keeps the server's `connected` greeting."""
    sio = socketio.Client(reconnection=False)
    hello = {}
    got = threading.Event()

    @sio.on("connected")
    def on_connected(data):
        hello.update(data)
        got.set()

    return sio, hello, got


# 1. The documented connect example, as written: auth={"api_token": TOKEN}, default transports.
sio, hello, got = greeted_client()
sio.connect(URL, auth={"api_token": TOKEN})
got.wait(5)
out["example_hello"] = dict(hello)
out["example_transport"] = sio.transport()
sio.disconnect()

# 2. The same over the websocket transport, then the documented events in turn.
sio, hello, got = greeted_client()
sio.connect(URL, auth={"api_token": TOKEN}, transports=["websocket"])
got.wait(5)
out["hello"] = dict(hello)
out["transport"] = sio.transport()


def call(event, payload):
    return sio.call(event, payload, timeout=10)


out["graph_get"] = call("graph:get", {"limit": 1000, "offset": 0})
a = call("node:add", {"title": "Python A"})
b = call("node:add", {"title": "Python B"})
out["node_add"] = a
a_id = a["diff"]["nodes"][0]["after"]["id"]
b_id = b["diff"]["nodes"][0]["after"]["id"]
out["ids"] = {"a": a_id, "b": b_id}
added = call("link:add", {"source": a_id, "target": b_id, "type": 0})
out["link_add"] = added
link_id = added["diff"]["links"][0]["after"]["id"]
out["link_self"] = call("link:add", {"source": a_id, "target": a_id})
out["link_update"] = call("link:update", {"id": link_id, "type": 1})
out["link_swap"] = call("link:swap", {"id": link_id})
out["link_trash"] = call("link:trash", {"id": link_id})
out["trash_page"] = call("trash:page", {"limit": 100, "offset": 0})
out["link_restore"] = call("link:restore", {"id": link_id})
restored_batch = out["link_restore"]["diff"]["batchId"]
out["undo"] = call("history:undo", {"batchId": restored_batch})
out["undo_again"] = call("history:undo", {"batchId": restored_batch})
out["redo"] = call("history:redo", {"batchId": restored_batch})
out["graph_after"] = call("graph:get", {})
sio.disconnect()

# 3. The other documented form: the Bearer header on the handshake (headers=), both paths.
for key, path in (("header", "socket.io"), ("header_ext", "ext-socket.io")):
    sio, hello, got = greeted_client()
    sio.connect(
        URL,
        headers={"Authorization": f"Bearer {TOKEN}"},
        transports=["websocket"],
        socketio_path=path,
    )
    got.wait(5)
    out[key] = {"hello": dict(hello), "graph_get": sio.call("graph:get", {"limit": 1}, timeout=10)}
    sio.disconnect()

# 4. No token: the server refuses the connection; python-socketio reports why.
sio = socketio.Client(reconnection=False)
errors = []


@sio.on("connect_error")
def on_connect_error(data):
    errors.append(data)


try:
    sio.connect(URL, transports=["websocket"])
    out["unauthorized"] = {"connected": True}
except socketio.exceptions.ConnectionError as error:
    out["unauthorized"] = {"connected": False, "exception": str(error), "connect_error": errors}

print(json.dumps(out))
