package io.klio.dataflow;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every connection this JVM's HTTP and gRPC clients try to open (they ask the default
 * {@link ProxySelector} first), so that a test can show that nothing went over the network. The
 * connections themselves go ahead, and fail: this machine reaches no Google service.
 */
final class NetworkAttempts extends ProxySelector {
  private static final NetworkAttempts INSTANCE = new NetworkAttempts();
  private final List<URI> attempts = new ArrayList<>();

  private NetworkAttempts() {}

  /** Starts recording (again): forgets what was recorded before. */
  static synchronized NetworkAttempts record() {
    ProxySelector.setDefault(INSTANCE);
    INSTANCE.attempts.clear();
    return INSTANCE;
  }

  synchronized List<URI> attempts() {
    return List.copyOf(attempts);
  }

  @Override
  public synchronized List<Proxy> select(URI uri) {
    attempts.add(uri);
    return List.of(Proxy.NO_PROXY);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException e) {}
}
