"""The virtual gated (110) LaTiO3-KTaO3 Hall bar: gate electrostatics, resistance, simulation."""

from reentrant.device.dos import band_model_dos, chemical_potential, parabolic_dos
from reentrant.device.export import write_csv, write_netcdf
from reentrant.device.gate import BackGate
from reentrant.device.noise import NoiseModel
from reentrant.device.permittivity import KTaO3Permittivity
from reentrant.device.simulate import (
    CHANNELS,
    DeviceParameters,
    VirtualDevice,
    default_device,
    paper_grid,
)
from reentrant.device.tc_provider import BcsDosTc, CachedTc, MechanismTc, PairingTc, TcProvider

__all__ = [
    "CHANNELS",
    "BackGate",
    "BcsDosTc",
    "CachedTc",
    "DeviceParameters",
    "KTaO3Permittivity",
    "MechanismTc",
    "NoiseModel",
    "PairingTc",
    "TcProvider",
    "VirtualDevice",
    "band_model_dos",
    "chemical_potential",
    "default_device",
    "paper_grid",
    "parabolic_dos",
    "write_csv",
    "write_netcdf",
]
