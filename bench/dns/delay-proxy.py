#!/usr/bin/python3
# delay-proxy.py DELAY_MS LISTEN=UPSTREAM...: stands in front of DNS servers, on UDP and TCP,
# and holds every answer back for DELAY_MS, as a distant server would. Each LISTEN and
# UPSTREAM is HOST:PORT; the lab's NSD servers move to another port and a proxy takes their
# place on port 53, so a resolver walking down from the root meets the delay at every server.
# Questions are passed on at once and answers delayed independently, so concurrent questions
# overlap as on a real network. Counts the questions each address gets; on SIGTERM, or when
# stdin closes, prints "LISTEN COUNT" per address and exits. Prints "ready" once listening.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import asyncio
import signal
import sys

DELAY = int(sys.argv[1]) / 1000.0
MAX_TCP_MESSAGE = 65535 + 2


def parse(pair):
    listen, upstream = pair.split("=")
    lh, lp = listen.rsplit(":", 1)
    uh, up = upstream.rsplit(":", 1)
    return (lh, int(lp)), (uh, int(up))


class UdpUpstream(asyncio.DatagramProtocol):
    def __init__(self, front, client):
        self.front, self.client, self.transport = front, client, None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        loop = asyncio.get_running_loop()
        loop.call_later(DELAY, self.front.sendto, data, self.client)
        loop.call_later(DELAY, self.transport.close)


class UdpFront(asyncio.DatagramProtocol):
    def __init__(self, upstream, counts, key):
        self.upstream, self.counts, self.key, self.transport = upstream, counts, key, None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.counts[self.key] += 1
        asyncio.get_running_loop().create_task(self.forward(data, addr))

    async def forward(self, data, addr):
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(lambda: UdpUpstream(self.transport, addr),
                                                           remote_addr=self.upstream)
        transport.sendto(data)
        loop.call_later(10, transport.close)  # a lost answer must not keep the socket


async def pipe(reader, writer, delay):
    try:
        while data := await reader.read(MAX_TCP_MESSAGE):
            if delay:
                await asyncio.sleep(DELAY)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


def tcp_handler(upstream, counts, key):
    async def handle(reader, writer):
        counts[key] += 1
        try:
            up_reader, up_writer = await asyncio.open_connection(*upstream)
        except OSError:
            writer.close()
            return
        await asyncio.gather(pipe(reader, up_writer, False), pipe(up_reader, writer, True))
    return handle


async def main():
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    counts = {}
    for pair in sys.argv[2:]:
        listen, upstream = parse(pair)
        key = f"{listen[0]}:{listen[1]}"
        counts[key] = 0
        await loop.create_datagram_endpoint(lambda u=upstream, k=key: UdpFront(u, counts, k), local_addr=listen)
        await asyncio.start_server(tcp_handler(upstream, counts, key), *listen)
    loop.add_signal_handler(signal.SIGTERM, done.set)
    loop.add_reader(sys.stdin.fileno(), lambda: sys.stdin.read(1) or done.set())
    print("ready", flush=True)
    await done.wait()
    for key, count in counts.items():
        print(key, count, flush=True)


asyncio.run(main())
