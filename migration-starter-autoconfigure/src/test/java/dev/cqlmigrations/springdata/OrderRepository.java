package dev.cqlmigrations.springdata;

import java.util.UUID;

import org.springframework.data.repository.CrudRepository;

/**
 * The repository of {@link Order}.
 */
public interface OrderRepository extends CrudRepository<Order, UUID> {

}
