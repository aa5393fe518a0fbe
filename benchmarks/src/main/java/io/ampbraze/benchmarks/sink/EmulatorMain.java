package io.ampbraze.benchmarks.sink;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.net.ServerSocketFactory;

import io.ampbraze.testkit.braze.BrazeEmulator;
import mockwebserver3.MockWebServer;

/**
 * Runs the testkit's {@link BrazeEmulator} for the benchmarks, in its own JVM, with one change:
 * its accepted sockets have TCP_NODELAY set, as production HTTP servers do.
 *
 * <p>MockWebServer (under the emulator) leaves Nagle's algorithm on and writes an answer's head
 * and body in two writes, so on loopback every answer waits for the client's delayed ACK: about
 * 40 ms on Linux, added to every request whatever latency was configured. That would make "50 ms
 * latency" mean 90. The emulator's builder offers no socket option, so this reaches its server
 * before start through reflection; if the testkit changes shape it fails loudly instead of
 * silently measuring something else.
 *
 * <p>Arguments: {@code PORT RATE_REQUESTS RATE_WINDOW_MS LATENCY_MS API_KEY}. Prints the base
 * URL on its first line.
 */
public final class EmulatorMain {
  private EmulatorMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    BrazeEmulator.Builder builder = BrazeEmulator.builder()
        .apiKey(args[4])
        .rateLimit(Integer.parseInt(args[1]), Duration.ofMillis(Long.parseLong(args[2])))
        .latency(Duration.ofMillis(Long.parseLong(args[3])), Duration.ofMillis(Long.parseLong(args[3])))
        .recordObjects(false);
    Constructor<BrazeEmulator> constructor = BrazeEmulator.class.getDeclaredConstructor(BrazeEmulator.Builder.class);
    constructor.setAccessible(true);
    BrazeEmulator emulator = constructor.newInstance(builder);
    Field field = BrazeEmulator.class.getDeclaredField("server");
    field.setAccessible(true);
    MockWebServer server = (MockWebServer) field.get(emulator);
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), port);
    System.out.println(emulator.baseUrl());
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  /** Server sockets whose accepted connections have TCP_NODELAY. */
  static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      ServerSocket s = new NoDelayServerSocket();
      s.bind(new java.net.InetSocketAddress(port));
      return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      ServerSocket s = new NoDelayServerSocket();
      s.bind(new java.net.InetSocketAddress(port), backlog);
      return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
      ServerSocket s = new NoDelayServerSocket();
      s.bind(new java.net.InetSocketAddress(address, port), backlog);
      return s;
    }
  }

  private static final class NoDelayServerSocket extends ServerSocket {
    NoDelayServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket s = super.accept();
      s.setTcpNoDelay(true);
      return s;
    }
  }
}
