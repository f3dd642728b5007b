"""nnla_lab: the Jupyter server sends kernel messages to the browser at once (TCP_NODELAY),
so a widget's new picture does not wait for the browser's delayed acknowledgement (about
40 ms a click; benchmarks/README.md, "In the browser")."""

import json
import tomllib
from pathlib import Path
from types import SimpleNamespace

from jupyter_core.paths import jupyter_config_path
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

import nnla_lab

ROOT = Path(__file__).resolve().parent.parent
CONFIG = "jupyter_server_config.d/nnla_lab.json"


def test_the_connection_turns_nagle_off_before_it_connects(monkeypatch):
    calls = []
    handler = SimpleNamespace(set_nodelay=lambda on: calls.append(("nodelay", on)))
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect",
                        lambda self: calls.append(("connect", None)))
    connection = nnla_lab.NoDelayConnection.__new__(nnla_lab.NoDelayConnection)
    connection.__dict__["_trait_values"] = {"websocket_handler": handler}
    nnla_lab.NoDelayConnection.connect(connection)
    assert calls == [("nodelay", True), ("connect", None)]


def server_with(connection_class):
    logged = []
    log = SimpleNamespace(info=logged.append)
    app = SimpleNamespace(web_app=SimpleNamespace(settings={
        "kernel_websocket_connection_class": connection_class}), log=log)
    return app, logged


def test_the_extension_replaces_only_the_default_connection():
    app, logged = server_with(ZMQChannelsWebsocketConnection)
    nnla_lab._load_jupyter_server_extension(app)
    assert app.web_app.settings["kernel_websocket_connection_class"] is nnla_lab.NoDelayConnection
    assert "TCP_NODELAY" in logged[0]

    class Gateway(ZMQChannelsWebsocketConnection):      # a server set up with a class of its own
        pass
    app, logged = server_with(Gateway)
    nnla_lab._load_jupyter_server_extension(app)
    assert app.web_app.settings["kernel_websocket_connection_class"] is Gateway
    assert "left as it is" in logged[0]
    assert nnla_lab._jupyter_server_extension_points() == [{"module": "nnla_lab"}]


def test_the_config_file_enables_it_and_ships_with_the_package():
    shipped = json.loads((ROOT / "jupyter-config" / "nnla_lab.json").read_text())
    assert shipped == {"ServerApp": {"jpserver_extensions": {"nnla_lab": True}}}
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    assert data_files["etc/jupyter/jupyter_server_config.d"] == ["jupyter-config/nnla_lab.json"]


def test_this_environment_has_it_enabled():
    found = [Path(d) / CONFIG for d in jupyter_config_path() if (Path(d) / CONFIG).is_file()]
    assert found, (f"no {CONFIG} in {jupyter_config_path()}: `make install` copies it into "
                   ".venv/etc/jupyter (an editable install leaves the package's data files out)")
    assert json.loads(found[0].read_text())["ServerApp"]["jpserver_extensions"]["nnla_lab"] is True


def test_the_server_module_imports_no_part_of_the_course():
    source = Path(nnla_lab.__file__).read_text()
    assert "nnla_helpers" not in source.split('"""', 2)[2]
