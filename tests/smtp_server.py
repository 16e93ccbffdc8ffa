"""A real SMTP server for the mail tests: ``python -I tests/smtp_server.py PORT FILE``.

aiosmtpd on 127.0.0.1:PORT; every message received is appended to FILE as one JSON line
({"rcpt_tos": [...], "content": "..."}). It runs in its own process with ``-I`` because
aiosmtpd imports the module ``public`` (package atpublic), which the portal's app of the
same name would hide inside the test process.
"""

import json
import signal
import sys
import threading


def main(port: int, path: str) -> None:
    from aiosmtpd.controller import Controller

    class Collect:
        async def handle_DATA(self, server, session, envelope):
            with open(path, "a", encoding="utf-8") as out:
                record = {"rcpt_tos": envelope.rcpt_tos, "content": envelope.content.decode()}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            return "250 OK"

    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
