package io.releasegraph.store.postgresql;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.releasegraph.store.RunRecord;

/** {@link RunRecord} in the postgresql persistence unit. */
@Entity(name = "RunRecord")
@Table(name = "run_record")
public class PgRunRecord extends RunRecord {
}
