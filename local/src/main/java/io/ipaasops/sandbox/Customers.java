package io.ipaasops.sandbox;

import static io.ipaasops.sandbox.PrismaticState.id;
import static io.ipaasops.sandbox.PrismaticState.map;
import static io.ipaasops.sandbox.PrismaticState.missing;
import static io.ipaasops.sandbox.PrismaticState.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Customers and their users: created, updated and deleted as Prismatic's mutations do, names and ids unique. */
final class Customers {

    private final PrismaticState state;

    Customers(PrismaticState state) {
        this.state = state;
    }

    /** A customer of the organization (not the system's own). */
    Map<String, Object> add(String key, String name, String description, String externalId, List<String> labels) {
        String id = id("Customer", key);
        Map<String, Object> customer = map("id", id, "name", name, "description", description,
                "externalId", externalId, "labels", new ArrayList<>(labels), "avatarUrl", null,
                "createdAt", state.now(), "updatedAt", state.now(), "_system", false);
        state.customers.put(id, customer);
        return customer;
    }

    Map<String, Object> create(Map<String, Object> input) {
        String problem = problem(input, null);
        if (problem != null) {
            return payload("customer", null, problem.substring(0, problem.indexOf(':')),
                    problem.substring(problem.indexOf(':') + 2));
        }
        Map<String, Object> customer = add(UUID.randomUUID().toString(), (String) input.get("name"),
                input.get("description") == null ? "" : (String) input.get("description"),
                (String) input.get("externalId"), labels(input.get("labels")));
        return payload("customer", customer, null, null);
    }

    Map<String, Object> update(Map<String, Object> input) {
        Map<String, Object> customer = target(state.customers, input.get("id"), "Customer");
        String problem = problem(input, customer);
        if (problem != null) {
            return payload("customer", null, problem.substring(0, problem.indexOf(':')),
                    problem.substring(problem.indexOf(':') + 2));
        }
        for (String field : List.of("name", "description", "externalId")) {
            if (input.get(field) != null) {
                customer.put(field, input.get(field));
            }
        }
        if (input.get("labels") != null) {
            customer.put("labels", labels(input.get("labels")));
        }
        customer.put("updatedAt", state.now());
        return payload("customer", customer, null, null);
    }

    /** Deleting a customer deletes its instances and users with it, as the platform's UI warns. */
    Map<String, Object> delete(Map<String, Object> input) {
        Map<String, Object> customer = target(state.customers, input.get("id"), "Customer");
        if (Boolean.TRUE.equals(customer.get("_system"))) {
            return payload("customer", null, "__all__", "The system customer cannot be deleted.");
        }
        state.customers.remove(customer.get("id"));
        state.instances.values().removeIf(i -> customer.get("id").equals(i.get("_customer")));
        state.users.values().removeIf(u -> customer.get("id").equals(u.get("_customer")));
        return payload("customer", customer, null, null);
    }

    Map<String, Object> createUser(Map<String, Object> input) {
        Object customerId = input.get("customer");
        if (customerId == null || !state.customers.containsKey(String.valueOf(customerId))) {
            return payload("user", null, "customer", "Customer matching query does not exist.");
        }
        Map<String, Object> role = state.customerRoles.stream().filter(r -> r.get("id").equals(input.get("role")))
                .findFirst().orElse(null);
        if (role == null) {
            return payload("user", null, "role", "Select a valid choice: one of customerRoles' ids.");
        }
        String email = String.valueOf(input.get("email"));
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return payload("user", null, "email", "Enter a valid email address.");
        }
        if (state.users.values().stream().anyMatch(u -> email.equalsIgnoreCase(String.valueOf(u.get("email"))))) {
            return payload("user", null, "email", "User with this email already exists.");
        }
        String id = id("User", UUID.randomUUID().toString());
        Map<String, Object> user = map("id", id, "name", input.get("name") == null ? "" : input.get("name"),
                "email", email, "externalId", input.get("externalId"), "tenantId", SandboxSeed.TENANT,
                "role", role, "org", null, "phone", "", "darkMode", false, "darkModeSyncWithOs", true,
                "_customer", customerId);
        state.users.put(id, user);
        return payload("user", user, null, null);
    }

    Map<String, Object> updateUser(Map<String, Object> input) {
        Map<String, Object> user = target(state.users, input.get("id"), "User");
        if (input.get("name") instanceof String name && name.isBlank()) {
            return payload("user", null, "name", "This field may not be blank.");
        }
        if (input.get("role") != null) {
            Map<String, Object> role = state.customerRoles.stream().filter(r -> r.get("id").equals(input.get("role")))
                    .findFirst().orElse(null);
            if (role == null) {
                return payload("user", null, "role", "Select a valid choice: one of customerRoles' ids.");
            }
            user.put("role", role);
        }
        for (String field : List.of("name", "phone", "externalId", "darkMode", "darkModeSyncWithOs")) {
            if (input.get(field) != null) {
                user.put(field, input.get(field));
            }
        }
        return payload("user", user, null, null);
    }

    Map<String, Object> deleteUser(Map<String, Object> input) {
        Map<String, Object> user = target(state.users, input.get("id"), "User");
        state.users.remove(user.get("id"));
        return payload("user", user, null, null);
    }

    /** The users of a customer, in the order they were added. */
    List<Map<String, Object>> users(Map<String, Object> customer) {
        return state.users.values().stream().filter(u -> customer.get("id").equals(u.get("_customer"))).toList();
    }

    /** {@code field: message} for the first invalid or clashing field of a create or update, else null. */
    private String problem(Map<String, Object> input, Map<String, Object> self) {
        Object name = input.get("name");
        if ((self == null || name != null) && (!(name instanceof String n) || n.isBlank())) {
            return "name: This field may not be blank.";
        }
        for (String field : List.of("name", "externalId")) {
            Object value = input.get(field);
            if (value != null && state.customers.values().stream().anyMatch(c -> c != self
                    && value.equals(c.get(field)))) {
                return field + ": Customer with this " + ("name".equals(field) ? "Name" : "External ID")
                        + " already exists.";
            }
        }
        return null;
    }

    private static List<String> labels(Object labels) {
        return labels instanceof List<?> list ? new ArrayList<>(list.stream().map(String::valueOf).toList())
                : new ArrayList<>();
    }

    private static Map<String, Object> target(Map<String, Map<String, Object>> table, Object id, String type) {
        Map<String, Object> found = id == null ? null : table.get(String.valueOf(id));
        if (found == null) {
            throw missing(type);
        }
        return found;
    }
}
