package dev.shipbridge.benchmarks;

import java.io.IOException;

/**
 * The long-lived loopback server of the whole-process cold-start benchmark ({@link ColdStartMain}):
 * records a token answer and a tracking answer (and the other calls of {@link Fixtures#record()})
 * from the USPS emulator once, then serves those bytes by path from a JDK {@code HttpServer} on
 * 127.0.0.1 until it is killed. It runs in its own JVM, started once before the measured runs, so
 * neither its start-up nor the emulator's is in any measured process.
 *
 * <p>Usage: {@code java -cp benchmarks/target/shipbridge-benchmarks.jar
 * dev.shipbridge.benchmarks.ColdStartServer [port]} (port 0 or none: any free port). It prints one
 * line {@code ready <baseUrl> <trackingNumber>}: the two arguments {@link ColdStartMain} takes
 * after its mode.
 */
public final class ColdStartServer {
  private ColdStartServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Fixtures.Recording recording = Fixtures.record();
    CannedServer server = CannedServer.start(recording, port);
    System.out.println("ready " + server.baseUrl() + " " + recording.trackingNumber());
    System.out.flush();
    Thread.currentThread().join(); // serve until killed
  }
}
