package dev.shipbridge.testkit.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Fault#RESET_BEFORE_SEND}: a loopback socket that accepts each connection and resets it
 * (linger 0) before reading anything, so a TLS client fails in its handshake and no HTTP request
 * ever leaves. Counts the connections it reset.
 */
final class ResettingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  ResettingServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    acceptor = new Thread(this::accept, "kit-resetting-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        accepted.incrementAndGet();
        s.setSoLinger(true, 0);
      } catch (IOException e) {
        if (socket.isClosed()) return;
      }
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  int accepted() {
    return accepted.get();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
