package io.ipaasops.credentials;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Calls a platform with the current credentials and, where it refused them, refreshes them and calls once more:
 * a rotated secret or an expired token heals itself, and a refused request surely did not apply.
 */
public final class RefreshOnce {

    private RefreshOnce() {
    }

    /**
     * Calls {@code call} with {@code credentials}; if {@code refused} says the answer refused them, passes the
     * refused credentials to {@code refresh} and calls again with fresh ones. The caller judges the last answer.
     */
    public static <C, R> R call(Supplier<C> credentials, Function<C, R> call, Predicate<R> refused,
                                Consumer<C> refresh) {
        C current = credentials.get();
        R answer = call.apply(current);
        if (!refused.test(answer)) {
            return answer;
        }
        refresh.accept(current);
        return call.apply(credentials.get());
    }
}
