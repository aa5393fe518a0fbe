package io.ampbraze.quickstart.platform;

/** A stand-in for a Kafka main class: runs until stopped, and says so from its shutdown hook. */
public final class Sleeper {
  private Sleeper() {}

  public static void main(String[] args) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("sleeper stopping")));
    System.out.println("sleeper started");
    if (args.length > 0) {
      System.exit(Integer.parseInt(args[0]));
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
