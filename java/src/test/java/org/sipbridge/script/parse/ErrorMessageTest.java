package org.sipbridge.script.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sipbridge.script.parse.Parsing.error;

import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One error class per nested test; each asserts the exact text the user sees. */
class ErrorMessageTest {

    @Test
    void exceptionKeepsItsParts() {
        ConfigException e = assertThrows(ConfigException.class, () -> Parsing.parse("route{\n\tt_relay()\n}\n"));
        assertEquals(Parsing.at(3, 1), e.location());
        assertEquals("unexpected '}'", e.problem());
        assertEquals(Optional.of("';' after function call"), e.expected());
        assertEquals("t.cfg:3:1: unexpected '}', expected ';' after function call", e.getMessage());
    }

    @Nested
    class UnknownSetting {
        @Test
        void namesTheParameterAndListsTheKnownOnes() {
            assertEquals("t.cfg:2:1: unknown global parameter 'foo', expected one of alias, children, debug, "
                    + "listen, log_facility, log_level, log_stderror, mpath, tcp_idle_timeout, thread_safe_modules, udp_receivers",
                    error("children=4\nfoo = 1\n"));
        }

        @Test
        void aStrayWordIsNotASetting() {
            assertEquals("t.cfg:1:1: unexpected 'foo', expected a global parameter, loadmodule, modparam or a route block",
                    error("foo bar"));
        }
    }

    @Nested
    class BadListen {
        @Test
        void badIpv4Host() {
            assertEquals("t.cfg:1:12: bad IPv4 address '1.2.3', expected four numbers from 0 to 255 separated by dots",
                    error("listen=udp:1.2.3:5060"));
        }

        @Test
        void unsupportedProtocol() {
            assertEquals("t.cfg:1:8: unsupported listen protocol 'tls', expected udp or tcp", error("listen=tls:1.2.3.4"));
        }

        @Test
        void portOutOfRange() {
            assertEquals("t.cfg:1:20: bad listen port '70000', expected a number from 1 to 65535",
                    error("listen=udp:1.2.3.4:70000"));
        }

        @Test
        void missingProtocol() {
            assertEquals("t.cfg:1:8: listen address '1.2.3.4' has no protocol, expected udp:IP[:PORT] or tcp:IP[:PORT]",
                    error("listen=1.2.3.4"));
        }

        @Test
        void missingValue() {
            assertEquals("t.cfg:1:8: missing listen address, expected udp:IP[:PORT] or tcp:IP[:PORT]", error("listen=\n"));
        }

        @Test
        void quotedValueLocatesInsideTheString() {
            assertEquals("t.cfg:1:15: unclosed '[' in listen address 'udp:[::1', expected ']' after the IPv6 address",
                    error("listen = \"udp:[::1\""));
        }
    }

    @Nested
    class WrongValueKind {
        @Test
        void stringForAnInteger() {
            assertEquals("t.cfg:1:10: unexpected string \"four\", expected an integer for 'children'",
                    error("children=\"four\""));
        }

        @Test
        void wordForABoolean() {
            assertEquals("t.cfg:1:14: unexpected 'maybe', expected yes or no for 'log_stderror'",
                    error("log_stderror=maybe"));
        }

        @Test
        void integerTooSmall() {
            assertEquals("t.cfg:1:10: children = 0 is too small, expected an integer of at least 1", error("children=0"));
        }

        @Test
        void integerForAPath() {
            assertEquals("t.cfg:1:7: unexpected integer 5, expected a quoted directory list for 'mpath', "
                    + "e.g. \"/usr/lib/sipbridge/modules\"", error("mpath=5"));
        }

        @Test
        void missingEquals() {
            assertEquals("t.cfg:1:10: unexpected integer 4, expected '=' after 'children'", error("children 4"));
        }
    }

    @Nested
    class Unterminated {
        @Test
        void stringPointsAtItsOpeningQuote() {
            assertEquals("t.cfg:2:7: unterminated string, expected a closing '\"' before the end of the file",
                    error("route{\n\txlog(\"oops);\n}\n"));
        }

        @Test
        void singleQuotedString() {
            assertEquals("t.cfg:1:10: unterminated string, expected a closing \"'\" before the end of the file",
                    error("route{ f('x); }"));
        }

        @Test
        void nestedCommentPointsAtTheOuterStart() {
            assertEquals("t.cfg:1:1: unterminated comment, expected '*/' before the end of the file",
                    error("/* a\n /* b */\n"));
        }
    }

    @Nested
    class MissingSemicolon {
        @Test
        void afterAFunctionCall() {
            assertEquals("t.cfg:3:1: unexpected '}', expected ';' after function call", error("route{\n\tt_relay()\n}\n"));
        }

        @Test
        void afterAnAssignment() {
            assertEquals("t.cfg:2:1: unexpected 'exit', expected ';' after the assignment to '$du'",
                    error("route{ $du = \"sip:a\"\nexit; }"));
        }

        @Test
        void afterReturn() {
            assertEquals("t.cfg:1:18: unexpected '}', expected ';' after 'return'", error("route{ return(1) }"));
        }
    }

    @Nested
    class MissingBrace {
        @Test
        void atTheEndOfTheFile() {
            assertEquals("t.cfg:5:1: unexpected end of file, expected '}' to close the '{' at line 1, column 6",
                    error("route{\n\tif (t_relay()) {\n\t\texit;\n}\n"));
        }

        @Test
        void whenTheNextRouteStarts() {
            assertEquals("t.cfg:4:1: unexpected 'route', expected '}' to close the '{' at line 1, column 6",
                    error("route{\n\tt_relay();\n\nroute[x] {\n\texit;\n}\n"));
        }

        @Test
        void whenAnotherBlockKindStarts() {
            assertEquals("t.cfg:3:2: unexpected 'failure_route', expected '}' to close the '{' at line 2, column 17",
                    error("route{\n\tif (t_relay()) {\n failure_route[x] { }\n"));
        }

        @Test
        void insideASwitch() {
            assertEquals("t.cfg:1:31: unexpected end of file, expected '}' to close the '{' at line 1, column 21",
                    error("route{ switch ($rm) { case 1: "));
        }
    }

    @Test
    void seventhArgument() {
        assertEquals("t.cfg:2:22: too many arguments for function 'f', expected at most 6",
                error("route{\n\tf(1, 2, 3, 4, 5, 6, \"seven\");\n}"));
    }

    @Test
    void badDialect() {
        assertEquals("t.cfg:1:19: unknown module dialect \"kamailio\", expected \"opensips\" or \"openser\"",
                error("loadmodule \"x.so\" \"kamailio\""));
    }

    @Nested
    class DuplicateBlock {
        @Test
        void namedRouteGivesBothLocations() {
            assertEquals("t.cfg:5:1: duplicate route[a], expected one definition (the first is at t.cfg:1:1)",
                    error("route[a] {\n}\nfailure_route[a] {\n}\nroute[a] {\n}\n"));
        }

        @Test
        void routeZeroIsTheMainRoute() {
            assertEquals("t.cfg:2:1: duplicate route, expected one definition (the first is at t.cfg:1:1)",
                    error("route {}\nroute[0] {}"));
        }

        @Test
        void unnamedOnreplyRoute() {
            assertEquals("t.cfg:2:3: duplicate onreply_route, expected one definition (the first is at t.cfg:1:1)",
                    error("onreply_route {}\n  onreply_route {}"));
        }
    }

    @Nested
    class BadPseudoVariable {
        @Test
        void unclosedParenthesis() {
            assertEquals("t.cfg:1:12: unclosed '(' in pseudo-variable '$var', expected ')' on the same line",
                    error("route{ $var(x = 1; }"));
        }

        @Test
        void badIndex() {
            assertEquals("t.cfg:1:15: bad index '[abc]' in pseudo-variable '$var', expected an integer, '*' or a pseudo-variable",
                    error("route{ $var(x)[abc] = 1; }"));
        }

        @Test
        void insideAStringItPointsIntoTheString() {
            assertEquals("t.cfg:1:20: unclosed '(' in pseudo-variable '$hdr', expected ')' on the same line",
                    error("route{ xlog(\"a $hdr(From b\"); }"));
        }

        @Test
        void dollarWithoutName() {
            assertEquals("t.cfg:1:8: '$' is not followed by a pseudo-variable name, "
                    + "expected a name such as $ru or $var(x), or '(' for the $(...) form", error("route{ $ = 1; }"));
        }

        @Test
        void transformationsAreRefused() {
            assertEquals("t.cfg:1:16: pseudo-variable transformations are not supported, expected ')' closing '$('",
                    error("route{ if ($(ru{uri.user}) == \"a\") {} }"));
        }

        @Test
        void emptyParentheses() {
            assertEquals("t.cfg:1:12: empty parentheses in pseudo-variable '$var()', expected a name between '(' and ')'",
                    error("route{ $var() = 1; }"));
        }

        @Test
        void unclosedBracketedForm() {
            assertEquals("t.cfg:1:20: unexpected ' ' in pseudo-variable '$(avp(x)', expected ')' closing '$('",
                    error("route{ if ($(avp(x) == 1) {} }"));
        }
    }

    @Nested
    class IntegerOverflow {
        @Test
        void inASetting() {
            assertEquals("t.cfg:1:10: integer 4294967296 is out of range, expected a value from -2147483648 to 2147483647",
                    error("children=4294967296"));
        }

        @Test
        void negativeInAnExpressionPointsAtTheSign() {
            assertEquals("t.cfg:1:23: integer -2147483649 is out of range, expected a value from -2147483648 to 2147483647",
                    error("route{ if ($var(x) == -2147483649) {} }"));
        }

        @Test
        void inAPseudoVariableIndex() {
            assertEquals("t.cfg:1:15: index 99999999999 is out of range in pseudo-variable '$avp', "
                    + "expected an integer from -2147483648 to 2147483647", error("route{ $avp(x)[99999999999] = 1; }"));
        }

        @Test
        void badOctal() {
            assertEquals("t.cfg:1:10: bad octal integer '09', expected only digits 0 to 7 after a leading 0",
                    error("children=09"));
        }
    }

    @Nested
    class UnexpectedToken {
        @Test
        void conditionWithoutParentheses() {
            assertEquals("t.cfg:1:11: unexpected '$var(x)', expected '(' after 'if'", error("route{ if $var(x) {} }"));
        }

        @Test
        void strayBraceAtTopLevel() {
            assertEquals("t.cfg:1:1: unexpected '}', expected a global parameter, loadmodule, modparam or a route block",
                    error("}"));
        }

        @Test
        void unknownCharacter() {
            assertEquals("t.cfg:1:12: unexpected character '@', expected ';' after function call", error("route{ f() @ }"));
        }

        @Test
        void bareFunctionName() {
            assertEquals("t.cfg:1:15: unexpected ';', expected '(' after 't_relay' (a function call needs parentheses)",
                    error("route{ t_relay; }"));
        }

        @Test
        void bareWordInACondition() {
            assertEquals("t.cfg:1:12: unexpected 'foo', expected an expression (a function call needs parentheses)",
                    error("route{ if (foo) {} }"));
        }

        @Test
        void pseudoVariableAsAnArgument() {
            assertEquals("t.cfg:1:10: unexpected '$var(x)', expected a string or an integer argument "
                    + "(write pseudo-variables inside quotes: \"$var(x)\")", error("route{ f($var(x)); }"));
        }

        @Test
        void comparisonInsteadOfAssignment() {
            assertEquals("t.cfg:1:16: unexpected '==', expected an assignment operator ('=' or ':=') after '$var(x)'",
                    error("route{ $var(x) == 1; }"));
        }

        @Test
        void unclosedParenthesisInACondition() {
            assertEquals("t.cfg:1:21: unexpected '{', expected ')' to close the '(' at line 1, column 11",
                    error("route{ if ($rm == 1 {} }"));
        }

        @Test
        void fourthModparamArgument() {
            assertEquals("t.cfg:1:21: unexpected ',', expected ')' after the modparam value", error("modparam(\"a\", \"b\", 1, 2)"));
        }

        @Test
        void timerRouteWithoutInterval() {
            assertEquals("t.cfg:1:14: unexpected ']', expected ',' and the interval in seconds after the timer route name",
                    error("timer_route[t] {}"));
        }

        @Test
        void failureRouteWithoutName() {
            assertEquals("t.cfg:1:15: unexpected '{', expected '[' and a name after 'failure_route'", error("failure_route {}"));
        }

        @Test
        void errorRouteWithName() {
            assertEquals("t.cfg:1:12: unexpected '[', expected '{' after 'error_route', which takes no name",
                    error("error_route[x] {}"));
        }

        @Test
        void routeCallOutsideABlock() {
            assertEquals("t.cfg:1:6: unexpected '(', expected '{' or '[name]' after 'route'", error("route(x);"));
        }
    }

    @Nested
    class Misplaced {
        @Test
        void breakOutsideSwitchOrWhile() {
            assertEquals("t.cfg:1:8: 'break' outside a switch or while, expected it only inside a switch case or a while body",
                    error("route{ break; }"));
        }

        @Test
        void myselfOutsideAComparison() {
            assertEquals("t.cfg:1:12: 'myself' used outside a comparison, expected it as an operand of '==' or '!='",
                    error("route{ if (myself) {} }"));
        }

        @Test
        void duplicateCaseLabel() {
            assertEquals("t.cfg:1:38: duplicate case \"A\", expected each label once (the first is at t.cfg:1:28)",
                    error("route{ switch ($rm) { case \"A\": case \"A\": } }"));
        }

        @Test
        void caseAfterDefault() {
            assertEquals("t.cfg:1:32: unexpected 'case', expected '}' to close the switch: 'default' must be the last case",
                    error("route{ switch ($rm) { default: case 1: } }"));
        }

        @Test
        void timerIntervalMustBePositive() {
            assertEquals("t.cfg:1:16: timer interval 0 is too small, expected a number of seconds of at least 1",
                    error("timer_route[t, 0] {}"));
        }
    }
}
