package dev.chat.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page ({@code /error}) as problem+json, in place of Boot's default error JSON: what the
 * container forwards there (an error status set outside Spring MVC, an exception in a filter) keeps the
 * same shape as every other error. The exception itself is never shown.
 */
@Controller
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 && i < 600 ? i : 500;
        HttpStatusCode httpStatus = HttpStatusCode.valueOf(status);
        String detail = status == 404 ? "No such resource."
                : status >= 500 ? "An unexpected error occurred." : ProblemWriter.titleOf(httpStatus) + ".";
        ProblemWriter.write(request, response, httpStatus, detail);
    }
}
