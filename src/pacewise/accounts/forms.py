from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms

from .crisis import country_choices
from .fields import TimeZoneField, clean_display_text
from .models import Membership


class DisplayNameMixin:
    def clean_display_name(self):
        return clean_display_text(
            self.cleaned_data.get("display_name", ""), field="Name", max_length=80
        )


class SignupForm(DisplayNameMixin, AllauthSignupForm):
    display_name = forms.CharField(
        label="What should we call you? (optional)",
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    time_zone = TimeZoneField(required=False, widget=forms.HiddenInput)
    country = forms.ChoiceField(
        label="Where do you live?",
        help_text="So that we show help lines that work where you are. "
        "You can change it later in Account.",
        required=False,
    )

    field_order = ["email", "display_name", "password1", "password2", "country", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [
            ("", "Use my browser's language to choose"),
            *country_choices(),
        ]

    def clean_email(self):
        value = (self.data.get("email") or "").strip()
        if len(value) > 254:
            raise forms.ValidationError("An email address can be at most 254 characters.")
        return super().clean_email()


class ShareCodeForm(forms.Form):
    code = forms.CharField(
        label="Clinic code",
        max_length=32,
        help_text="Your clinic gives you this code. It has 8 letters and numbers.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self):
        code = "".join(ch for ch in self.cleaned_data["code"].upper() if ch.isalnum())
        if len(code) != 8:
            raise forms.ValidationError(
                "A clinic code has 8 letters and numbers, for example K7PM2QXA."
            )
        return code


class InviteForm(forms.Form):
    email = forms.EmailField(label="Their email address", max_length=254)
    role = forms.ChoiceField(
        label="Role", choices=Membership.Role.choices, initial=Membership.Role.CLINICIAN
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class AcceptInvitationForm(DisplayNameMixin, forms.Form):
    display_name = forms.CharField(label="Your name", max_length=80)
    password1 = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )
    password2 = forms.CharField(
        label="Type the password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import password_validation

        from .models import User

        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords are not the same.")
        elif p1:
            try:
                password_validation.validate_password(p1, User(email=self.email))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name for this token",
        max_length=60,
        help_text="So you can tell your tokens apart, for example “phone app”.",
    )
    expires_in_days = forms.TypedChoiceField(
        label="Expires",
        coerce=int,
        choices=[(30, "In 30 days"), (90, "In 90 days"), (365, "In a year"), (0, "Never")],
        initial=90,
    )

    def clean_name(self):
        name = clean_display_text(self.cleaned_data["name"], field="Name", max_length=60)
        if not name:
            raise forms.ValidationError("Give the token a name.")
        return name


class SettingsForm(DisplayNameMixin, forms.Form):
    display_name = forms.CharField(label="Your name", max_length=80, required=False)
    country = forms.ChoiceField(
        label="Where you live",
        help_text="The help lines on every page are for this country.",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()

    time_zone = TimeZoneField(
        label="Your time zone",
        help_text="Your days start and end at midnight in this time zone. Type a city or "
        "region, for example Lisbon or New_York, and choose from the list.",
    )


PHONE_CHARS = set("0123456789+-() .")


class ContactForm(forms.Form):
    contact_phone = forms.CharField(
        label="Phone", max_length=30, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )  # fmt: skip
    contact_email = forms.EmailField(
        label="Email for your care team", required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Leave empty to use the email you sign in with.",
    )  # fmt: skip
    share_contact = forms.BooleanField(
        label="Let the clinics I share with see these", required=False
    )

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        digits = sum(ch.isdigit() for ch in phone)
        if phone and (set(phone) - PHONE_CHARS or not 6 <= digits <= 15):
            raise forms.ValidationError(
                "A phone number has 6 to 15 digits, and may have +, spaces, dashes or brackets."
            )
        return phone
