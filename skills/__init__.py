"""Skill catalogs: the shipped one's data files, and the loader that validates any catalog directory."""

from skills.catalog import Catalog, Level, LevelBand, Module, Resource, Role, RoleSkill, Skill, Track, normalize_key
from skills.loader import ENV_VAR, catalog_title, default_catalog_dir, load_catalog, resolve_catalog_dir
from skills.problems import CatalogError, Problem

__all__ = [
    "ENV_VAR",
    "Catalog",
    "CatalogError",
    "Level",
    "LevelBand",
    "Module",
    "Problem",
    "Resource",
    "Role",
    "RoleSkill",
    "Skill",
    "Track",
    "catalog_title",
    "default_catalog_dir",
    "load_catalog",
    "normalize_key",
    "resolve_catalog_dir",
]
