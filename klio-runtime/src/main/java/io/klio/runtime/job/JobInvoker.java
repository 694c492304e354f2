package io.klio.runtime.job;

import java.io.Serializable;

/** Calls a job's method. Generated per job, so arguments are cast, not reflected. */
public interface JobInvoker extends Serializable {
  /** The object instance methods run on, created once per worker; null for static methods. */
  default Object newTarget() throws Exception {
    return null;
  }

  /**
   * Runs the method for one element.
   *
   * @param target what {@link #newTarget()} returned
   * @param inputs decoded inputs, in the order of {@link JobSpec#inputs()}
   * @param elementId the element's id
   * @return the value to store at the job's output location
   */
  Object invoke(Object target, Object[] inputs, String elementId) throws Exception;
}
