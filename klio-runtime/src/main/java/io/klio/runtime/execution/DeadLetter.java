package io.klio.runtime.execution;

import java.io.Serializable;

/**
 * A message a job could not process: which job, which element (if known), why, and the original
 * message bytes so that it can be replayed.
 */
public record DeadLetter(String job, String elementId, String reason, byte[] message)
    implements Serializable {}
