package io.ipaasops.prismatic;

import io.ipaasops.core.FieldError;
import io.ipaasops.core.ValidationException;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * Which operation a GraphQL document runs, read with GraphQL's own lexical rules (BOM, commas, comments ended by
 * any line terminator, strings and block strings), so that a mutation is never mistaken for a query and retried.
 *
 * <p>It reads only as far as it must: the top-level definitions and the type of each operation. Anything it cannot
 * decide with certainty (type-system definitions, several operations without a name) counts as a mutation.</p>
 */
public final class GraphQlOperations {

    /** The operation types GraphQL knows. */
    public enum Kind {
        /** Reads only. */
        QUERY,
        /** May change the platform. */
        MUTATION,
        /** Reads only (a stream of results). */
        SUBSCRIPTION
    }

    /** One operation definition: its type and name ({@code null} when anonymous). */
    public record Operation(Kind kind, @Nullable String name) {
    }

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int line = 1;
    private int lineStart;

    private record Token(char kind, String value, int line, int column) {
        // kind: 'N' name, 'P' punctuator (value holds it), 'S' string, 'V' number
    }

    private GraphQlOperations(String text) {
        this.text = text;
    }

    /**
     * Whether sending {@code document} (with {@code operationName}, when given) could change the platform: false only
     * when it surely runs a query or a subscription.
     *
     * @throws ValidationException when the document is not lexically valid GraphQL, defines no operation, or has no
     *                             operation of that name; each names the field {@code query} or {@code operationName}
     */
    public static boolean mayChange(String document, @Nullable String operationName) {
        List<Operation> operations = operations(document);
        if (operations == null) {
            return true;
        }
        if (operationName != null) {
            return operations.stream().filter(o -> operationName.equals(o.name())).findFirst()
                    .map(o -> o.kind() == Kind.MUTATION)
                    .orElseThrow(() -> new ValidationException("the query has no operation named " + operationName,
                            List.of(new FieldError("operationName", "names no operation in the query"))));
        }
        // Several operations need an operationName; the server then refuses, but "any mutation" is the safe reading.
        return operations.stream().anyMatch(o -> o.kind() == Kind.MUTATION);
    }

    /**
     * The operations {@code document} defines, in order; {@code null} when it also holds definitions that are not
     * executable (a schema), whose effect cannot be read from the text.
     */
    public static @Nullable List<Operation> operations(String document) {
        GraphQlOperations reader = new GraphQlOperations(document);
        reader.lex();
        return reader.definitions();
    }

    private @Nullable List<Operation> definitions() {
        List<Operation> operations = new ArrayList<>();
        boolean unknown = false;
        int i = 0;
        while (i < tokens.size()) {
            Token first = tokens.get(i);
            if (first.kind() == 'P' && first.value().equals("{")) {
                operations.add(new Operation(Kind.QUERY, null));
            } else if (first.kind() == 'N' && kind(first.value()) != null) {
                Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
                operations.add(new Operation(kind(first.value()), next != null && next.kind() == 'N'
                        ? next.value() : null));
            } else if (!(first.kind() == 'N' && first.value().equals("fragment"))) {
                unknown = true;
            }
            i = endOfDefinition(i);
        }
        if (operations.isEmpty() && !unknown) {
            throw invalid(tokens.isEmpty() ? "the query is empty" : "the query defines no operation, only fragments");
        }
        return unknown ? null : operations;
    }

    /** The index after the definition starting at {@code start}: past its first top-level selection set. */
    private int endOfDefinition(int start) {
        int parens = 0;
        for (int i = start; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != 'P') {
                continue;
            }
            switch (t.value()) {
                case "(", "[" -> parens++;
                case ")", "]" -> parens--;
                case "{" -> {
                    if (parens == 0) {
                        return matchingBrace(i) + 1;
                    }
                    parens++;
                }
                case "}" -> parens--;
                default -> {
                }
            }
        }
        return tokens.size();
    }

    private int matchingBrace(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            String v = tokens.get(i).kind() == 'P' ? tokens.get(i).value() : "";
            if (v.equals("{")) {
                depth++;
            } else if (v.equals("}") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    private static @Nullable Kind kind(String keyword) {
        return switch (keyword) {
            case "query" -> Kind.QUERY;
            case "mutation" -> Kind.MUTATION;
            case "subscription" -> Kind.SUBSCRIPTION;
            default -> null;
        };
    }

    private void lex() {
        List<Token> open = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int column = i - lineStart + 1;
            if (c == '\uFEFF' || c == ' ' || c == '\t' || c == ',') {
                i++;
            } else if (c == '\n' || c == '\r') {
                i = newLine(i);
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '"') {
                i = text.startsWith("\"\"\"", i) ? blockString(i, column) : string(i, column);
                tokens.add(new Token('S', "", line, column));
            } else if (c == '_' || Character.isLetter(c) && c < 128) {
                int start = i;
                while (i < n && (text.charAt(i) == '_' || text.charAt(i) < 128
                        && Character.isLetterOrDigit(text.charAt(i)))) {
                    i++;
                }
                tokens.add(new Token('N', text.substring(start, i), line, column));
            } else if (c == '-' || c >= '0' && c <= '9') {
                i++;
                while (i < n && (Character.isDigit(text.charAt(i)) || "eE+-.".indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                tokens.add(new Token('V', "", line, column));
            } else if (text.startsWith("...", i)) {
                tokens.add(new Token('P', "...", line, column));
                i += 3;
            } else if ("!$&():=@[]{|}".indexOf(c) >= 0) {
                Token t = new Token('P', String.valueOf(c), line, column);
                balance(open, t);
                tokens.add(t);
                i++;
            } else {
                throw invalid(at(line, column) + "unexpected character " + describe(c));
            }
        }
        if (!open.isEmpty()) {
            Token t = open.get(open.size() - 1);
            throw invalid(at(t.line(), t.column()) + "'" + t.value() + "' is never closed");
        }
    }

    private void balance(List<Token> open, Token t) {
        String v = t.value();
        if (v.equals("{") || v.equals("(") || v.equals("[")) {
            open.add(t);
        } else if (v.equals("}") || v.equals(")") || v.equals("]")) {
            String expected = open.isEmpty() ? null : switch (open.get(open.size() - 1).value()) {
                case "{" -> "}";
                case "(" -> ")";
                default -> "]";
            };
            if (!v.equals(expected)) {
                throw invalid(at(t.line(), t.column()) + "unexpected '" + v + "'");
            }
            open.remove(open.size() - 1);
        }
    }

    private int newLine(int i) {
        int next = text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        line++;
        lineStart = next;
        return next;
    }

    private int string(int start, int column) {
        int startLine = line;
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '\n' || c == '\r') {
                break;
            }
        }
        throw invalid(at(startLine, column) + "unterminated string");
    }

    private int blockString(int start, int column) {
        int startLine = line;
        int i = start + 3;
        while (i < text.length()) {
            if (text.startsWith("\\\"\"\"", i)) {
                i += 4;
            } else if (text.startsWith("\"\"\"", i)) {
                return i + 3;
            } else if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                i = newLine(i);
            } else {
                i++;
            }
        }
        throw invalid(at(startLine, column) + "unterminated block string");
    }

    private static String at(int line, int column) {
        return "line " + line + ", column " + column + ": ";
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static ValidationException invalid(String problem) {
        return new ValidationException("the GraphQL document is not valid: " + problem,
                List.of(new FieldError("query", problem)));
    }
}
