package io.ampbraze.connect.currents.storage;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Storage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a GCS client to count the calls that send requests, including any page it returns being
 * followed with getNextPage()/iterateAll()/streamAll().
 */
final class CountingGcsClient {
  private CountingGcsClient() {}

  static Storage wrap(Storage target, AtomicLong requests) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("list") || name.equals("reader") || name.startsWith("get")
              || name.startsWith("read")) {
            requests.incrementAndGet();
          }
          Object result = invoke(method, target, args);
          return result instanceof Page<?> page ? countingPage(page, requests) : result;
        };
    return (Storage)
        Proxy.newProxyInstance(
            Storage.class.getClassLoader(), new Class<?>[] {Storage.class}, handler);
  }

  private static Page<?> countingPage(Page<?> page, AtomicLong requests) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("getNextPage") || name.equals("iterateAll")
              || name.equals("streamAll")) {
            requests.incrementAndGet();
          }
          return invoke(method, page, args);
        };
    return (Page<?>)
        Proxy.newProxyInstance(Page.class.getClassLoader(), new Class<?>[] {Page.class}, handler);
  }

  private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
