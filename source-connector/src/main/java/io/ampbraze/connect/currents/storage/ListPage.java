package io.ampbraze.connect.currents.storage;

import java.util.List;

/** One page of a listing; {@code nextPageToken} is null on the last page. */
public record ListPage<T>(List<T> items, String nextPageToken) {
  public ListPage {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return nextPageToken != null;
  }
}
