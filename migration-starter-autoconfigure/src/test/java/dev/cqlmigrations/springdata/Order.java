package dev.cqlmigrations.springdata;

import java.util.UUID;

import org.springframework.data.cassandra.core.mapping.Column;
import org.springframework.data.cassandra.core.mapping.PrimaryKey;
import org.springframework.data.cassandra.core.mapping.Table;

/**
 * A table created by a migration, without keyspace qualifier.
 *
 * @param id the key
 * @param item what was ordered
 * @param shippingAddress where it goes
 */
@Table("orders")
public record Order(@PrimaryKey UUID id, String item, @Column("shipping_address") Address shippingAddress) {

}
