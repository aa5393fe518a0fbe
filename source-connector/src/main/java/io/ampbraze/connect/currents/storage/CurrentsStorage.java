package io.ampbraze.connect.currents.storage;

import java.io.InputStream;

/**
 * The one view the connector has of a bucket (S3, GCS, Azure Blob container or local folder).
 *
 * <p>Keys are '/'-separated and relative to the bucket (or local root), never starting with '/'.
 * Listing is paged so that callers, metrics and benchmarks see every remote call: one call of
 * {@link #listFolders} or {@link #listFiles} is exactly one request to the store.
 *
 * <p>Every failure of the store (outage, throttling, permission, missing bucket) surfaces as a
 * {@link StorageException}; implementations never swallow one. A failure while reading a stream
 * from {@link #open} surfaces as a {@link StorageReadException}; {@link StorageException#in}
 * finds either in a cause chain.
 *
 * <p>Listings come in binary order of the keys' UTF-8 bytes, within and across pages. A page
 * token is opaque, valid only for the same method and prefix, and not meant to be kept across
 * polls; the last page has none. A prefix matching nothing gives an empty last page; a missing
 * bucket, container or local root is {@link StorageException.Kind#NOT_FOUND}. Arguments are
 * checked before any request: a bad prefix or key is an {@link IllegalArgumentException}.
 */
public interface CurrentsStorage extends AutoCloseable {

  /**
   * One page of the immediate sub-folders of {@code prefix} (delimiter '/'), as full prefixes
   * ending in '/', in lexicographic order.
   *
   * @param prefix a folder prefix ending in '/', or "" for the top of the bucket
   * @param pageToken null for the first page, else {@link ListPage#nextPageToken()} of the last
   */
  ListPage<String> listFolders(String prefix, String pageToken) throws StorageException;

  /**
   * One page of all objects under {@code prefix}, recursively, in lexicographic key order.
   * Folder placeholders (keys ending in '/', ADLS directory entries) are not files and skipped.
   *
   * @param prefix a key prefix (normally a folder ending in '/')
   * @param pageToken null for the first page, else {@link ListPage#nextPageToken()} of the last
   */
  ListPage<StorageObject> listFiles(String prefix, String pageToken) throws StorageException;

  /**
   * Opens an object for sequential reading from its first byte. The first request is sent before
   * this returns, so a missing object fails here as NOT_FOUND. S3 and GCS stream the object in
   * one GET; Azure reads it in ranged GETs of 4 MiB. Closing the stream early aborts the rest.
   */
  InputStream open(String key) throws StorageException;

  /** A short description for logs and task status, e.g. {@code s3://bucket}; never a secret. */
  String describe();

  @Override
  void close();
}
