from __future__ import annotations

from .access import is_clinic_staff
from .models import Patient


def navigation(request):
    """What the header shows: the person's own record and, for clinic staff, the caseload."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    own = getattr(user, "_pacewise_patient", None)
    if own is None:
        own = Patient.objects.filter(user=user).first() or False
        user._pacewise_patient = own
    return {"own_patient": own or None, "is_staff_member": is_clinic_staff(user)}
