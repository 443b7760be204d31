"""Logging in and one's password: Django's views with the förbund app's start-password
rule (a password set by someone else must be changed before anything else)."""

from django.contrib.auth import views as auth_views

from finsam.middleware import SESSION_BYT_LOSENORD
from forbund.services import maste_byta_losenord, startlosenord_bytt


class LoginView(auth_views.LoginView):
    """Django's login; a user with a start password is flagged in the session, so
    ``finsam.middleware.StartlosenordMiddleware`` sends them to the password change."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # Checked once here; StartlosenordMiddleware then reads the session flag only.
        if maste_byta_losenord(form.get_user()):
            self.request.session[SESSION_BYT_LOSENORD] = True
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Set by SessionTimeoutMiddleware when it ended the previous session.
        orsak = self.request.session.pop("finsam_utloggad_orsak", None)
        if orsak:
            context["utloggad_orsak"] = orsak
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's password; a start password set by someone else counts as changed."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["maste_byta"] = bool(self.request.session.get(SESSION_BYT_LOSENORD))
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        startlosenord_bytt(konto=form.user)
        self.request.session.pop(SESSION_BYT_LOSENORD, None)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """ "Glömt lösenord?": the new password is the user's own, so no start password remains."""

    def form_valid(self, form):
        response = super().form_valid(form)
        startlosenord_bytt(konto=form.user)
        return response
