#!/usr/bin/python3
# delay-forwarder.py UPSTREAM_PORT DELAY_MS: a UDP DNS forwarder on 127.0.0.1 that holds
# every answer back for DELAY_MS, as a distant server would. Questions are forwarded at
# once and answers are delayed independently, so concurrent questions overlap like on a
# real network. Prints its port on stdout, then serves until killed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import asyncio
import sys

UPSTREAM = ("127.0.0.1", int(sys.argv[1]))
DELAY = int(sys.argv[2]) / 1000.0


class Upstream(asyncio.DatagramProtocol):
    def __init__(self, front, client):
        self.front = front
        self.client = client
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        loop = asyncio.get_running_loop()
        loop.call_later(DELAY, self.front.sendto, data, self.client)
        loop.call_later(DELAY, self.transport.close)


class Front(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        asyncio.get_running_loop().create_task(self.forward(data, addr))

    async def forward(self, data, addr):
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(
            lambda: Upstream(self.transport, addr), remote_addr=UPSTREAM)
        transport.sendto(data)
        # A lost answer must not keep the socket forever.
        loop.call_later(10, transport.close)


async def main():
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(Front, local_addr=("127.0.0.1", 0))
    print(transport.get_extra_info("sockname")[1], flush=True)
    await asyncio.Event().wait()


asyncio.run(main())
