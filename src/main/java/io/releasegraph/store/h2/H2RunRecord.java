package io.releasegraph.store.h2;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.releasegraph.store.RunRecord;

/** {@link RunRecord} in the h2 persistence unit. */
@Entity(name = "RunRecord")
@Table(name = "run_record")
public class H2RunRecord extends RunRecord {
}
