package app.pocdojo.core.dojo

import java.net.InetAddress
import java.net.Socket
import javax.net.SocketFactory

/**
 * Sockets with Nagle's algorithm off. A keystroke is a small frame written while the previous one may still be
 * unacknowledged; with Nagle on, it waits for the peer's delayed ACK (~40 ms on Linux loopback), which the
 * keystroke benchmark showed as a 3× slower round trip than the TypeScript clients'.
 */
internal object NoDelaySocketFactory : SocketFactory() {
    private val delegate = getDefault()

    private fun Socket.noDelay() = apply { tcpNoDelay = true }

    override fun createSocket(): Socket = delegate.createSocket().noDelay()
    override fun createSocket(host: String?, port: Int): Socket = delegate.createSocket(host, port).noDelay()
    override fun createSocket(host: String?, port: Int, localHost: InetAddress?, localPort: Int): Socket =
        delegate.createSocket(host, port, localHost, localPort).noDelay()
    override fun createSocket(host: InetAddress?, port: Int): Socket = delegate.createSocket(host, port).noDelay()
    override fun createSocket(address: InetAddress?, port: Int, localAddress: InetAddress?, localPort: Int): Socket =
        delegate.createSocket(address, port, localAddress, localPort).noDelay()
}
