package io.klio.runtime.execution;

import java.io.Serializable;

/**
 * A bottom-up request a job sent for one element and still waits to be answered: to which job,
 * along which path, and when (epoch milliseconds).
 */
record PendingRequest(String ancestor, String path, long sentAtMillis) implements Serializable {}
