package dev.cqlmigrations.benchmarks;

import java.util.Locale;
import java.util.Map;

/**
 * Generates script sets that look like real schema and data migrations: commented CREATE TABLEs
 * with quoted identifiers and table options, INSERTs whose strings hold {@code ;}, {@code --} and
 * {@code ''} escapes, BATCHes, placeholders, and now and then a function with a {@code $$} body.
 */
final class RealisticScripts {

	static final Map<String, String> PLACEHOLDERS = Map.of("app_keyspace", "shop", "ttl", "86400");

	private RealisticScripts() {
	}

	/**
	 * Writes scripts {@code V1..Vn} until the set holds at least the given size.
	 * @param files where to write
	 * @param targetBytes the size to reach
	 */
	static void write(ScriptFiles files, long targetBytes) {
		int version = 1;
		while (files.bytes() < targetBytes) {
			files.write(String.format(Locale.ROOT, "V%d__orders_batch_%d.cql", version, version), script(version));
			version++;
		}
	}

	static String script(int n) {
		StringBuilder cql = new StringBuilder(6000);
		cql.append("-- V").append(n).append(": orders of region ").append(n).append("; generated\n");
		cql.append("/* Block comment with a ; semicolon, a 'quote' and a -- dash\n   over two lines */\n");
		cql.append("CREATE TABLE IF NOT EXISTS ${app_keyspace}.orders_").append(n).append(" (\n")
			.append("    order_id uuid,            -- the key; never reused\n")
			.append("    customer_id uuid,\n")
			.append("    \"Display;Name\" text,      // quoted identifier with a semicolon\n")
			.append("    status text,\n")
			.append("    total decimal,\n")
			.append("    lines list<frozen<map<text, text>>>,\n")
			.append("    created_at timestamp,\n")
			.append("    PRIMARY KEY ((customer_id), created_at, order_id)\n")
			.append(") WITH CLUSTERING ORDER BY (created_at DESC, order_id ASC)\n")
			.append("  AND comment = 'Orders of region ").append(n).append("; one partition per customer'\n")
			.append("  AND default_time_to_live = ${ttl}\n")
			.append("  AND compaction = {'class': 'SizeTieredCompactionStrategy'};\n\n");
		cql.append("CREATE INDEX IF NOT EXISTS orders_").append(n).append("_status ON orders_").append(n)
			.append(" (status);\n\n");
		for (int i = 0; i < 12; i++) {
			cql.append("INSERT INTO orders_").append(n)
				.append(" (order_id, customer_id, \"Display;Name\", status, total, created_at) VALUES (")
				.append("uuid(), 7c9e6679-7425-40de-944b-e07fc1f90ae").append(i % 10).append(", 'O''Brien; Ltd. -- ")
				.append(i).append("', 'NEW', ").append(10 + i).append(".50, '2026-11-2").append(i % 10)
				.append(" 12:00:00+0000');\n");
		}
		cql.append("\nBEGIN UNLOGGED BATCH\n");
		for (int i = 0; i < 8; i++) {
			cql.append("  INSERT INTO orders_").append(n)
				.append(" (order_id, customer_id, status, lines) VALUES (uuid(), uuid(), 'PAID', [{'sku': 'A-")
				.append(i).append(";B', 'note': 'it''s /* not */ a comment'}]);\n");
		}
		cql.append("APPLY BATCH;\n\n");
		cql.append("UPDATE orders_").append(n).append(" SET status = 'SHIPPED; partially' WHERE customer_id = ")
			.append("7c9e6679-7425-40de-944b-e07fc1f90ae7 AND created_at = '2026-11-21 12:00:00+0000' AND order_id = ")
			.append("7c9e6679-7425-40de-944b-e07fc1f90ae8;\n");
		cql.append("ALTER TABLE orders_").append(n).append(" ADD (\"note;text\" text, shipped_at timestamp);\n");
		if (n % 10 == 0) {
			cql.append("\nCREATE OR REPLACE FUNCTION ${app_keyspace}.total_").append(n)
				.append(" (price decimal, qty int)\n  CALLED ON NULL INPUT RETURNS decimal LANGUAGE java\n")
				.append("  AS $$ if (price == null) return null; return price.multiply(java.math.BigDecimal.valueOf(qty)); $$;\n");
		}
		return cql.toString();
	}

}
