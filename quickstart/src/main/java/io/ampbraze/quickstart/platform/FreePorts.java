package io.ampbraze.quickstart.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ephemeral loopback ports, so that parallel runs on one machine never collide. */
public final class FreePorts {
  private FreePorts() {}

  /** A port that was free on 127.0.0.1 a moment ago (the OS picks it from its ephemeral range). */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", e);
    }
  }
}
