"""The one setting the course adds to the Jupyter server: widget messages leave at once.

A widget's new picture travels kernel → Jupyter server → browser over a WebSocket. The
server's socket has TCP's Nagle algorithm on (jupyter_server does not turn it off), so a
small message waits for the browser's acknowledgement of the one before, and the browser
waits up to 40 ms (Linux's delayed ACK) before sending it. Every click on Step or Next
then took about 45 ms longer to answer than the kernel needed: measured in Chromium on the
course machine, an empty cell's round trip fell from 46 ms to 15 ms with this setting
(benchmarks/README.md, "In the browser").

``NoDelayConnection`` is jupyter_server's own kernel connection with ``TCP_NODELAY`` set on
its WebSocket. This module is a Jupyter server extension that makes the server use it: the
package installs ``etc/jupyter/jupyter_server_config.d/nnla_lab.json``, which enables the
extension in every `jupyter lab` started from the same environment (`make install` copies
it into .venv, postBuild into Binder's environment). Nothing else changes: the messages are
the same. A server configured with a connection class of its own (a kernel gateway, say)
is left as it is. This module imports no part of the course (the server loads it, not the
kernel).
"""

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class NoDelayConnection(ZMQChannelsWebsocketConnection):
    """A kernel's WebSocket connection that sends each message at once (TCP_NODELAY)."""

    def connect(self):
        self.websocket_handler.set_nodelay(True)
        return super().connect()


def _jupyter_server_extension_points():
    return [{"module": "nnla_lab"}]


def _load_jupyter_server_extension(serverapp):
    settings = serverapp.web_app.settings
    current = settings.get("kernel_websocket_connection_class")
    if current is ZMQChannelsWebsocketConnection:
        settings["kernel_websocket_connection_class"] = NoDelayConnection
        serverapp.log.info("nnla_lab: kernel messages go to the browser at once (TCP_NODELAY)")
    else:
        serverapp.log.info(f"nnla_lab: the server uses its own kernel connection ({current}); "
                           "left as it is")
