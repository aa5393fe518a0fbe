package io.ampbraze.connect.currents.currents;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ampbraze.connect.currents.config.EventTypeFilter;
import io.ampbraze.connect.currents.storage.CurrentsStorage;
import io.ampbraze.connect.currents.storage.ListPage;
import io.ampbraze.connect.currents.storage.StorageException;

/**
 * Finds the {@code event_type=} folders under the prefix that this task reads. They are looked
 * for one level below the prefix (the prefix is an integration folder) and two levels below it
 * (the prefix holds integration folders), whatever the integration folders are called. Cost: one
 * folder listing of the prefix plus one per folder found there that is not an event type.
 */
public final class Discovery {
  private static final Logger log = LoggerFactory.getLogger(Discovery.class);

  private final CurrentsStorage storage;
  private final String prefix;
  private final EventTypeFilter filter;
  private final TaskAssignment assignment;

  public Discovery(
      CurrentsStorage storage, String prefix, EventTypeFilter filter, TaskAssignment assignment) {
    this.storage = storage;
    this.prefix = prefix;
    this.filter = filter;
    this.assignment = assignment;
  }

  /** The event-type folders this task owns and the filter accepts, in key order. */
  public List<EventTypeFolder> discover() throws StorageException {
    List<EventTypeFolder> out = new ArrayList<>();
    for (String top : folders(prefix)) {
      if (!collect(top, out) && !isHourFolder(top)) {
        for (String child : folders(top)) {
          collect(child, out);
        }
      }
    }
    return out;
  }

  /** Adds {@code folder} if it is an event-type folder this task reads; whether it is one. */
  private boolean collect(String folder, List<EventTypeFolder> out) {
    Optional<String> type = CurrentsKey.eventTypeOfFolder(folder);
    if (type.isEmpty()) {
      return false;
    }
    if (filter.accepts(type.get()) && assignment.owns(folder)) {
      out.add(new EventTypeFolder(folder, type.get()));
    } else {
      log.debug("Not reading {}: excluded or owned by another task", folder);
    }
    return true;
  }

  private static boolean isHourFolder(String folder) {
    String f = folder.substring(0, folder.length() - 1);
    return f.substring(f.lastIndexOf('/') + 1).startsWith("date=");
  }

  private List<String> folders(String parent) throws StorageException {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      ListPage<String> page = storage.listFolders(parent, token);
      out.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null);
    return out;
  }
}
