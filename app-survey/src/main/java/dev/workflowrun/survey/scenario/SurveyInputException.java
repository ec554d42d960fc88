package dev.workflowrun.survey.scenario;

/** Input the survey cannot read; the message names the file, what is wrong and what to do. */
public final class SurveyInputException extends RuntimeException {

    public SurveyInputException(String message) {
        super(message);
    }

    public SurveyInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
