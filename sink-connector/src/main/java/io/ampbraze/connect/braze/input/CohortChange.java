package io.ampbraze.connect.braze.input;

import java.util.List;

/**
 * Users entering or leaving one cohort.
 *
 * @param entered true when the users joined the cohort, false when they left it
 * @param messageId Amplitude's batch id (webhook payloads), or null
 */
public record CohortChange(
    String cohortId, String cohortName, boolean entered, List<UserRef> users, String messageId)
    implements AmplitudeRecord {}
