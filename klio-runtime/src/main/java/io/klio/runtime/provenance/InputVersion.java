package io.klio.runtime.provenance;

import java.io.Serializable;

/**
 * One input of a computation and the version of its data: for another job's output, that output's
 * derivation key ({@link DerivationKey#UNRECORDED} if it has no record); for external data, its
 * store's stamp (size and write time; {@link DerivationKey#MISSING} if there is no file).
 *
 * @param fromJob the producing job, or null for external data
 */
public record InputVersion(String parameter, String location, String fromJob, String version)
    implements Serializable {}
